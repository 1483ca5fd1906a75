"""Library commands PowerDesk runs its own way, listed before the libraries' apps so that these
are the ones run: Django's development server, for a developer who asked for DEBUG
(``POWERDESK_DEBUG=1``; before WhiteNoise's ``runserver_nostatic``), and the queue libraries'
workers (``db_worker``, ``rqworker``), which point to ``powerdesk worker``.
"""
