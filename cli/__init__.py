"""The ``actorgraph`` command line: one module per subcommand, above every other layer."""
