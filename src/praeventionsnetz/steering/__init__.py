"""M5 steering: committees, meetings and decisions (to come)."""
