import LegalCircleSession

// Transitional, until every command calls the session.
typealias CommandError = SessionError
