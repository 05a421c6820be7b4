"""Errors of the report generator.

ReportInputError means the input (result file, targets file, arguments) cannot be reported on;
the command exits with code 2, like every hubsim command given bad input.
"""


class ReportInputError(Exception):
    """The input cannot be turned into a report; the message says which file and why."""
