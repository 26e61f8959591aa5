// Placeholder: filled in by the work on import/.
