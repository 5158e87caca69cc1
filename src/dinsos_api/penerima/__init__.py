"""The beneficiary registry: people, family cards, PMKS data and programme enrolments."""
