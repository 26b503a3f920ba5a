"""Place names: what a "where / which country / which city" question is answered by.

A small offline gazetteer (UN Member and observer States, their capitals, and the cities that
usually host UN meetings and conferences) instead of a named-entity model: nothing to download, and
the resolutions name places in their plain English form. Matched case-sensitively on word
boundaries, so "Chad" the country is found and "chad" is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PLACE_NAMES", "mentions_place", "places_named", "places_in_question"]

_STATES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Botswana|Brazil|Brunei Darussalam|Brunei|Bulgaria|Burkina Faso|Burundi|Cabo Verde|
Cape Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|Chile|China|Colombia|Comoros|Congo|
Costa Rica|Côte d'Ivoire|Cote d'Ivoire|Croatia|Cuba|Cyprus|Czechia|Czech Republic|
Democratic People's Republic of Korea|Democratic Republic of the Congo|Denmark|Djibouti|Dominica|
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Swaziland|
Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|
Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|
Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|Kyrgyzstan|Lao People's Democratic Republic|Laos|
Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|
Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Monaco|Mongolia|Montenegro|
Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|
North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Republic of Korea|Korea|Republic of Moldova|Moldova|Romania|Russian Federation|Russia|
Rwanda|Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|
Sao Tome and Principe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|
Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|
Syrian Arab Republic|Syria|Tajikistan|Thailand|Timor-Leste|Togo|Tonga|Trinidad and Tobago|Tunisia|
Türkiye|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
United Republic of Tanzania|Tanzania|United States of America|United States|Uruguay|Uzbekistan|
Vanuatu|Venezuela|Viet Nam|Vietnam|Yemen|Zambia|Zimbabwe|Holy See|State of Palestine|Palestine|Kosovo|
Taiwan|Western Sahara|Greenland|Puerto Rico|Hong Kong|Macao
"""

_CAPITALS = """
Kabul|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Canberra|Vienna|Baku|Nassau|Manama|Dhaka|Bridgetown|
Minsk|Brussels|Belmopan|Porto-Novo|Thimphu|La Paz|Sucre|Sarajevo|Gaborone|Brasilia|Brasília|Sofia|
Ouagadougou|Bujumbura|Gitega|Praia|Phnom Penh|Yaoundé|Yaounde|Ottawa|Bangui|N'Djamena|Santiago|Beijing|
Bogotá|Bogota|Moroni|Brazzaville|San José|San Jose|Abidjan|Yamoussoukro|Zagreb|Havana|Nicosia|Prague|
Pyongyang|Kinshasa|Copenhagen|Roseau|Santo Domingo|Quito|Cairo|San Salvador|Malabo|Asmara|Tallinn|
Mbabane|Addis Ababa|Suva|Helsinki|Paris|Libreville|Banjul|Tbilisi|Berlin|Bonn|Accra|Athens|
Guatemala City|Conakry|Bissau|Georgetown|Port-au-Prince|Tegucigalpa|Budapest|Reykjavik|New Delhi|Delhi|
Jakarta|Bali|Tehran|Baghdad|Dublin|Jerusalem|Tel Aviv|Rome|Kingston|Tokyo|Kyoto|Osaka|Amman|Astana|
Almaty|Nairobi|Tarawa|Kuwait City|Bishkek|Vientiane|Riga|Beirut|Maseru|Monrovia|Tripoli|Vaduz|Vilnius|
Antananarivo|Lilongwe|Kuala Lumpur|Malé|Bamako|Valletta|Majuro|Nouakchott|Port Louis|Mexico City|
Palikir|Ulaanbaatar|Ulan Bator|Podgorica|Rabat|Marrakech|Marrakesh|Maputo|Naypyidaw|Yangon|Windhoek|
Kathmandu|Amsterdam|The Hague|Wellington|Managua|Niamey|Abuja|Lagos|Skopje|Oslo|Muscat|Islamabad|
Panama City|Port Moresby|Asunción|Asuncion|Lima|Manila|Warsaw|Lisbon|Doha|Seoul|Busan|Chisinau|
Bucharest|Moscow|Kigali|Basseterre|Castries|Kingstown|Apia|Sao Tome|Riyadh|Dakar|Belgrade|Victoria|
Freetown|Bratislava|Ljubljana|Honiara|Mogadishu|Pretoria|Cape Town|Johannesburg|Durban|Juba|Madrid|
Barcelona|Seville|Colombo|Khartoum|Paramaribo|Stockholm|Bern|Geneva|Damascus|Dushanbe|Bangkok|Dili|
Lomé|Lome|Nuku'alofa|Port of Spain|Tunis|Ankara|Istanbul|Ashgabat|Awaza|Funafuti|Kampala|Kyiv|Kiev|
Abu Dhabi|Dubai|London|Edinburgh|Dodoma|Dar es Salaam|Arusha|Washington|New York|Montevideo|Tashkent|
Samarkand|Port Vila|Caracas|Hanoi|Sana'a|Sanaa|Lusaka|Harare|Ramallah|Gaza|Goma|Bukavu|Kisangani|
Cotonou|Monterrey|Rio de Janeiro|Sharm el-Sheikh|Hyderabad|Copenhagen|Durban|Kyoto|Cancún|Cancun|
Nagoya|Aichi|Montreal|Glasgow|Katowice|Bonn|Lyon|Strasbourg|Rome|Vienna|Beijing|Istanbul|Baku|Bali|
Mauritius|Sendai|Hyogo|Yokohama|Marrakech|Warsaw|Lima|Cartagena|Punta del Este|Sevilla|Addis Ababa|
Davos|Kobe|Cairo|Belém|Belem|Ituri|Kivu|North Kivu|South Kivu|Katanga|Darfur|Kashmir|Crimea|Donbas|
Zaporizhzhia|Chornobyl|Chernobyl|Fukushima
"""

_REGIONS = """
Africa|Asia|Europe|Latin America|the Caribbean|Caribbean|Oceania|the Pacific|Middle East|
Central Asia|South Asia|South-East Asia|Southeast Asia|West Africa|East Africa|Central Africa|
Southern Africa|North Africa|Great Lakes region|Sahel|Horn of Africa|Balkans|Arctic|Antarctica|
Mediterranean|Latin America and the Caribbean
"""


def _names(block: str) -> frozenset[str]:
    return frozenset(n.strip() for n in block.replace("\n", "").split("|") if n.strip())


PLACE_NAMES: frozenset[str] = _names(_STATES) | _names(_CAPITALS) | _names(_REGIONS)


@lru_cache(maxsize=2)
def _pattern(ignore_case: bool) -> re.Pattern[str]:
    names = sorted(PLACE_NAMES, key=len, reverse=True)  # longest first: "South Sudan" before "Sudan"
    flags = re.I if ignore_case else 0
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", flags)


def mentions_place(text: str, ignore_case: bool = False) -> bool:
    """Whether text names a country, capital, conference city or region. Resolutions capitalise
    names (so case counts there); a typed question may not (ignore_case)."""
    return _pattern(ignore_case).search(text) is not None


def places_named(text: str, ignore_case: bool = False) -> list[str]:
    """The place names in text, in order ("in Doha and Manila" -> ["Doha", "Manila"])."""
    return [m.group(0) for m in _pattern(ignore_case).finditer(text)]


def places_in_question(question: str) -> list[str]:
    """Place names a user typed. Case counts ("Turkey" the country, "turkey" the bird) unless the
    question was typed all in lower case, where case tells nothing."""
    return places_named(question, ignore_case=question == question.lower())
