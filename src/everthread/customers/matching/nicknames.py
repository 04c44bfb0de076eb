"""A small table of English given-name nicknames.

Staff type what the customer says ("Bob"), while the loyalty sign-up holds the
formal name ("Robert"); spelling similarity alone would call those different
people. The table is deliberately short: common forms only, so that a nickname
level stays strong evidence rather than a guess.
"""

from __future__ import annotations

from collections.abc import Mapping

# Formal name -> the short forms people actually go by.
NICKNAMES: Mapping[str, tuple[str, ...]] = {
    "abigail": ("abby", "abbie", "gail"),
    "alexander": ("alex", "alec", "sandy", "xander"),
    "alexandra": ("alex", "lexi", "sandra", "sasha"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony", "ant"),
    "barbara": ("barb", "babs"),
    "benjamin": ("ben", "benny", "benji"),
    "catherine": ("cathy", "cath", "kate", "katie", "kat"),
    "charles": ("charlie", "chuck", "chas"),
    "charlotte": ("lottie", "charlie"),
    "christine": ("chris", "chrissy", "tina"),
    "christopher": ("chris", "kit"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davey"),
    "deborah": ("deb", "debbie"),
    "edward": ("ed", "eddie", "ted", "ned"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "eliza", "libby", "bess"),
    "frances": ("fran", "frankie"),
    "francis": ("frank", "fran"),
    "gregory": ("greg",),
    "harold": ("harry", "hal"),
    "henry": ("harry", "hank"),
    "isabella": ("bella", "izzy", "issy"),
    "isabelle": ("belle", "izzy", "issy"),
    "jacob": ("jake",),
    "james": ("jim", "jimmy", "jamie"),
    "jennifer": ("jen", "jenny"),
    "jessica": ("jess", "jessie"),
    "john": ("johnny", "jack"),
    "jonathan": ("jon", "jonny"),
    "joseph": ("joe", "joey"),
    "joshua": ("josh",),
    "katherine": ("kathy", "kate", "katie", "kat"),
    "kathleen": ("kathy", "kath"),
    "kimberley": ("kim",),
    "kimberly": ("kim",),
    "lawrence": ("larry", "laurie"),
    "margaret": ("maggie", "meg", "peggy", "marge", "greta"),
    "matthew": ("matt", "matty"),
    "michael": ("mike", "mick", "mickey", "mikey"),
    "nathan": ("nate", "nat"),
    "nathaniel": ("nate", "nat"),
    "nicholas": ("nick", "nicky", "nico"),
    "patricia": ("pat", "patty", "trish", "tricia"),
    "patrick": ("pat", "paddy"),
    "peter": ("pete",),
    "philip": ("phil", "pip"),
    "rebecca": ("becky", "becca", "bec"),
    "richard": ("rick", "ricky", "rich", "dick"),
    "robert": ("bob", "bobby", "rob", "robbie", "bert"),
    "ronald": ("ron", "ronnie"),
    "samantha": ("sam", "sammy"),
    "samuel": ("sam", "sammy"),
    "stephen": ("steve", "stevie"),
    "steven": ("steve", "stevie"),
    "susan": ("sue", "susie"),
    "theodore": ("theo", "ted", "teddy"),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim", "timmy"),
    "victoria": ("vicky", "tori"),
    "william": ("will", "bill", "billy", "liam", "willy"),
    "zachary": ("zach", "zack"),
}


def _formal_names_by_form() -> dict[str, frozenset[str]]:
    """Every form, formal or short, mapped to the formal names it can stand for."""
    forms: dict[str, set[str]] = {}
    for formal, shorts in NICKNAMES.items():
        forms.setdefault(formal, set()).add(formal)
        for short in shorts:
            forms.setdefault(short, set()).add(formal)
    return {form: frozenset(formals) for form, formals in forms.items()}


FORMAL_NAMES: Mapping[str, frozenset[str]] = _formal_names_by_form()
