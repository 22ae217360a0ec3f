// Placeholder: CSV reading and writers live here.
