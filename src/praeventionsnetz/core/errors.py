class DomainError(Exception):
    """A rule of the domain was broken; the message is shown to the user as it is."""
