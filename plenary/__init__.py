"""plenary: the parliamentary track of an international forum, from the first letter to the last document."""
