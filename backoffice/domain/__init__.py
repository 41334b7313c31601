"""Pure domain: enums, the status machine, Aktenzeichen, records. No I/O."""
