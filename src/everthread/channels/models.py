"""What the providers send us, kept as it arrived until a worker has processed it."""
