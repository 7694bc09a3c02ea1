-- How to get to a site ("bus 3 to Shimin-kaikan-mae, 2 minutes' walk"), printed on the
-- confirmation letter. An optional column of sites.csv: files without it load as before.
ALTER TABLE sites ADD COLUMN access text NOT NULL DEFAULT '';
ALTER TABLE staging_sites ADD COLUMN access text NOT NULL DEFAULT '';
