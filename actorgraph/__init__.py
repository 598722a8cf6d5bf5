"""actorgraph."""
