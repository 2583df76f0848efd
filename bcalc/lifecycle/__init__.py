"""A model's life after its business case: the yearly follow-up (målopfølgning), the
portfolio overview and permanentgørelse. Pure: no I/O (docs/lifecycle.md).

``rules``      attainment, the light it implies, two green years running
``followup``   a follow-up report → its result (areas, attainment, lights)
``portfolio``  a portfolio overview → its totals and counts
``folder``     every document of a folder together: each model's life (``bcalc status``)
``compare``    two or more follow-up reports → lights that changed
``documents``  these kinds among the files a command is given (compute, compare)
``results``    the result models; every output format renders their dump
"""
