"""Git, the warehouse's audit trail: the only package that talks to git.

Everything here reads git in bulk (one ``git log --raw`` walk, one long-lived
``git cat-file --batch``) and hands the rest of jgsw plain ``SourceFile``
values, so a past revision is validated exactly like the working tree.
"""
