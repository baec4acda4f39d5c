// Placeholder until the connectors land.
