"""Conditions written into a query as the schema writes them into a partial index.

SQLite reads a partial index only for a query whose WHERE implies the index's own, and it
leaves out checking a condition of the index only when the query writes it in the same way. The
schema writes a partial index's condition with its constants in the SQL (`is_hidden` and
`'niet'`); Django passes the same constants of a query as parameters. SQLite then still uses the
index, but checks each condition again on the table row of every entry it passes: a deep page
of the published contributions read 50,000 rows of the table to skip them (157 ms at a million,
where the index alone takes a few). `Inlined` writes a condition's constants into the query's
SQL, so that it reads as the index's and the index alone is read.

Use it only for conditions of constants defined in code (a partial index's): a value from a
request stays a parameter.
"""

from django.db.models import BooleanField, Expression, Q


class Inlined(Expression):
    """`condition` (a Q over the model's own columns) with its constants written into the SQL."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, condition: Q):
        super().__init__()
        self.condition = condition
        self.where = None

    def __repr__(self):
        return f"{self.__class__.__name__}({self.condition!r})"

    def resolve_expression(self, query=None, *args, **kwargs):
        if self.where is not None:
            # Resolved in its own query already: used as a subquery, that query is resolved
            # again against the outer one, whose model may not have these columns.
            return self
        resolved = self.copy()
        resolved.where = query.build_where(self.condition)
        return resolved

    # The resolved condition is this expression's source, so that a subquery renames its table.
    def get_source_expressions(self):
        return [] if self.where is None else [self.where]

    def set_source_expressions(self, expressions):
        if expressions:
            (self.where,) = expressions

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.where)
        if not params:
            return sql, []
        # The quoting the schema uses for a partial index's condition; on PostgreSQL it asks
        # the open connection.
        connection.ensure_connection()
        editor = connection.schema_editor()
        return sql % tuple(editor.quote_value(value) for value in params), []
