"""The offer directory as Open Referral HSDS 3.0: export, the API's service objects, import.

The package's modules are imported directly; this file only documents the rules.

- pure, without Django: ``schemas`` (the specification's tables and validators),
  ``problems``, ``package`` (reading and checking a package), ``files`` (folders, zip, CSV);
  their messages are ``core.text.Message`` objects that ``texts`` translates;
- shared: ``vocabulary`` (ids, our own fields and taxonomies, area references);
- export: ``export`` (tables and datapackage) with one module per group of tables
  (``export_organisations``, ``export_places``, ``export_services``) writing into the
  collector of ``export_rows``; ``objects`` nests the rows for the API;
- import: ``planning`` (``hsds_import_plan``) runs one function per group of tables
  (``import_organisations``, ``import_places``, ``import_topics``, ``import_services``,
  ``import_schedules``) over an ``import_context``, filling a ``plan``; ``apply`` writes it.

Ids: HSDS wants UUIDs. Ours are uuid5 over a fixed project namespace and the primary key
("service:42"), so they stay the same from one export to the next without a stored column.
An imported record keeps no HSDS id of its own; on the next import it is found again by its
natural key (organisation: identifier, or name and postcode; offer: external id, or
organisation and name; location: organisation, name and street). Offers and organisations
first imported from another source keep that source's HSDS id as their external id.

Language: the package is data and stays German whoever exports it (dataset title,
taxonomy names and descriptions, the names of our fields), and so does what an import stores
(the source note, a place's default name). Messages about a package are in the reader's
language.

Where HSDS has a place for a field, it goes there (eligibility_description,
application_process, fees_description and cost_options, languages, contacts and phones,
schedules, assured_date, service_areas, addresses, accessibility, parent_organization_id,
organization_identifiers). Topics are taxonomy terms of their own taxonomy; life phases and
transitions are terms of two taxonomies of ours; every other field of ours is an attribute
whose term in the taxonomy "Präventionsnetz: Felder" names the field and whose value holds
it. A package that carries these taxonomies is one of ours: its own fields replace ours on
import. A package from elsewhere only fills what HSDS says.

Import rules: the whole package is checked first (``hsds_import_plan``); any error and
nothing is written (``hsds_import_apply`` runs in one transaction). Organisations come from
the one registry and are never duplicated: one found by its HSDS id takes the package's
non-empty values (never blanks); one found by identifier or by name and postcode keeps the
registry's values and only has its empty fields filled. Offers in the package replace ours,
with their locations and opening hours.
"""
