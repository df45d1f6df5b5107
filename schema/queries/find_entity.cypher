// Find methods and benchmarks by name, alias or long form, folded like kg.text.fold: case, spaces,
// hyphens, underscores and a trailing plural "s" after a letter are ignored.
// params: alias (string) - a name as written anywhere, e.g. 'Vision Transformers' or 'ucf-101'
// :param alias => 'ImageNet'
WITH replace(replace(replace(toLower($alias), ' ', ''), '-', ''), '_', '') AS key
WITH CASE WHEN size(key) > 3 AND key ENDS WITH 's' AND NOT key ENDS WITH 'ss'
               AND toUpper(substring(key, size(key) - 2, 1)) <> substring(key, size(key) - 2, 1)
          THEN left(key, size(key) - 1) ELSE key END AS stem
MATCH (e)
WHERE e:Method OR e:Benchmark
UNWIND coalesce(e.aliases, []) + [e.name, coalesce(e.long_form, '')] AS alias
WITH e, stem, replace(replace(replace(toLower(alias), ' ', ''), '-', ''), '_', '') AS k
WHERE k <> '' AND (k = stem
   OR (k = stem + 's' AND size(k) > 3 AND NOT stem ENDS WITH 's' AND toUpper(right(stem, 1)) <> right(stem, 1)))
RETURN DISTINCT e.id AS id, labels(e)[0] AS label, e.name AS name, e.aliases AS aliases
ORDER BY id
