"""Qt item models over service queries; rows are fetched on demand, never a whole queue."""
