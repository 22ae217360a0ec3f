// Placeholder: the GRDB store lives here.
