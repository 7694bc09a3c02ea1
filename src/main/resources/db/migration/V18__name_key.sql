-- A name or kana as a person types it at the desk, and as the registry holds it, made comparable:
-- full-width and half-width forms alike (NFKC), hiragana as katakana, the official-name variants
-- as their common kanji (髙橋 finds 高橋), variation selectors, spaces, ・ and punctuation gone,
-- Latin accents gone and letters upper case (Nguyễn finds NGUYEN). Used by the resident search.
CREATE FUNCTION name_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT upper(translate(
        regexp_replace(
            normalize(regexp_replace(normalize(coalesce(t, ''), NFD), '[\u0300-\u036f]', '', 'g'), NFKC),
            '[[:space:]・･·,.''\-\u3000\ufe00-\ufe0f\U000e0100-\U000e01ef]', '', 'g'),
        'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖ髙﨑𠮷邊邉齋齊濵德槇嶋澤廣國眞會瀨櫻惠條淺龍',
        'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶ高崎吉辺辺斎斉浜徳槙島沢広国真会瀬桜恵条浅竜'))
$$;
