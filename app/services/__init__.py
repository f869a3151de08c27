"""The domain layer: plain functions (actor, arguments) -> result, or a DomainError."""
