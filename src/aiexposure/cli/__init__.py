"""The command line: commands, their options, and how mistakes become messages and exit codes."""
