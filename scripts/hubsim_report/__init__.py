"""The report generator behind `hubsim report` (Debian's /usr/bin/python3 with h5py, numpy,
matplotlib). Entry point: scripts/hubsim-report; layout: kinds.py decides what a file is and
picks its section builders (run/, forecast.py, comparison.py, calibration.py)."""
