"""Conversations: the Stage and School lines, their messages and guidance questions."""
