"""The read models in other formats: GeoJSON for maps, CSV in ACLED's export layout."""
