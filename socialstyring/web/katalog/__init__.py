"""The published catalogue of offers and rates: publishing a frozen, versioned snapshot and
showing it as a page, Excel and PDF."""
