"""Template helpers of votes: a vote's question as the reader should read it."""

from django import template

from votes.subjects import vote_title

register = template.Library()


@register.filter
def question(vote) -> str:
    """`{{ vote|question }}`: the question in the reader's language when the platform worded
    it (its subject writes it: votes.subjects), else the title as the facilitator typed it."""
    return vote_title(vote)
