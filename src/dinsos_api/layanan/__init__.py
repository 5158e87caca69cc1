"""Public services: the decree's catalogue, requests run as data-defined workflows, SLA clocks."""
