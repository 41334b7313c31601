"""The FIT-Connect adapter: the Submission API client, its crypto and checks, the opening workers."""
