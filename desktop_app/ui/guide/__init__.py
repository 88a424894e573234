"""The first-run guide (a panel beside the tabs) and the steps it follows."""
