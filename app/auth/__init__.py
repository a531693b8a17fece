"""Accounts, sign-in, API tokens and who may do what (issue 10).

``principal`` says who is asking, ``policy`` what each route needs, ``passwords`` and ``secrets``
how credentials are kept, ``authenticate`` turns a request into a principal, ``mode`` decides
between the one-person tool and the shared server.
"""
