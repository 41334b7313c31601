"""Portal connection: FIT-Connect client, crypto, sync engine, outbox, rate limiter."""
