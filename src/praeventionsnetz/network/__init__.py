"""M2 the network of actors: the organisation registry, cooperation ties, survey waves and the
network analysis with its improvement hints (pages under /netzwerk/)."""
