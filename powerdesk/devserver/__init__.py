"""Django's development server, for a developer who asked for DEBUG (``POWERDESK_DEBUG=1``).

Listed before WhiteNoise's ``runserver_nostatic`` so that its ``runserver`` is the one run.
"""
