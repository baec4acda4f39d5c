// Placeholder until the emulators land.
