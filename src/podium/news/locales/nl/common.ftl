# Lists, numbers, countries, Games and events: the words every story uses.

list-separator = {", "}
list-last = { $head } en { $last }
and-others = { $n ->
    [one] één ander
   *[other] { WORD($n) } anderen
 }
digits = { $n }
thousands-separator = .
decimal-separator = ,
ordinal-digits = { $n }e

noc = { $code ->
    [USA] de { $name }
    [UAE] de { $name }
   *[other] { $name }
 }
# The verb a country takes: 'de Verenigde Staten staan', 'Nederland staat'.
noc-number = { $code ->
    [USA] other
    [UAE] other
   *[other] one
 }

# 'de eerste Nederlandse olympisch kampioene'; a country not listed is said as 'uit <land>'
noc-adjective = { $code ->
    [NED] Nederlandse
    [BEL] Belgische
    [GER] Duitse
    [NOR] Noorse
    [ITA] Italiaanse
    [USA] Amerikaanse
    [FRA] Franse
    [CAN] Canadese
    [SUI] Zwitserse
    [AUT] Oostenrijkse
    [SWE] Zweedse
    [JPN] Japanse
    [CHN] Chinese
    [KOR] Zuid-Koreaanse
    [GBR] Britse
    [FIN] Finse
    [CZE] Tsjechische
    [POL] Poolse
   *[other] none
 }

city = { $city_key ->
    [beijing] Peking
    [sochi] Sotsji
    [turin] Turijn
    [athens] Athene
    [moscow] Moskou
    [munich] München
    [milano-cortina] Milaan-Cortina
    [paris] Parijs
    [london] Londen
    [antwerp] Antwerpen
    [berlin] Berlijn
    [tokyo] Tokio
    [mexico-city] Mexico-Stad
   *[other] { $city }
 }
games-name = { city } in { $year }
season-games = { $season ->
    [winter] Winterspelen
   *[summer] Zomerspelen
 }

medal = { $medal ->
    [gold] goud
    [silver] zilver
   *[bronze] brons
 }
medal-adjective = { $medal ->
    [gold] gouden
    [silver] zilveren
   *[bronze] bronzen
 }
# 'achtmaal goud, zeven keer zilver en negenmaal brons', as a desk varies it
times-medal = { $n ->
    [one] één keer { medal }
   *[other] { SPELLED($n) ->
        [yes] { $medal ->
            [silver] { WORD($n) } keer { medal }
           *[other] { WORD($n) }maal { medal }
        }
       *[no] { WORD($n) } keer { medal }
    }
 }
count-adjective = { WORD($n) } { medal-adjective }
medal-objects = { $list } { $n ->
    [one] medaille
   *[other] medailles
 }

team-of = { $noc }
team-members = { $team } ({ $members })
person-from = { $who } uit { $noc }
shared-place = { $names } (gedeeld { medal })

metres = { $m } meter
km = { $km } kilometer
kg = { $kg } kg
yards = { $y } yard
tons = { $t } ton
miles = { $n } mijl
pounds = { $n } pond
# 'het' for an event named by a het-word alone ('het ijsdansen', 'het enkelspel'); a name of
# more words takes 'de' ('de 20 kilometer snelwandelen', 'de marathonestafette snelwandelen')
event = { $name ->
    [discuswerpen] het
    [dubbelspel] het
    [dubbeltrap] het
    [duet] het
    [enkelspel] het
    [figuurrijden] het
    [hink-stap-springen] het
    [hoogspringen] het
    [ijsdansen] het
    [kitesurfen] het
    [knotszwaaien] het
    [kogelslingeren] het
    [kogelstoten] het
    [omnium] het
    [onderwaterzwemmen] het
    [paarrijden] het
    [park] het
    [polsstokhoogspringen] het
    [skeet] het
    [speerwerpen] het
    [stokschermen] het
    [superteam] het
    [toernooi] het
    [touwklimmen] het
    [trap] het
    [verspringen] het
    [windsurfen] het
   *[other] de
 } { $name }{ $discipline ->
    [none] {""}
    [speed-skating] {" "}langebaan
    [short-track] {" "}shorttrack
   *[other] {" "}({ discipline-name })
 }{ $gender ->
    [W] {" "}bij de vrouwen
    [M] {" "}bij de mannen
    [X] {" "}in de gemengde klasse
   *[none] {""}
 }
discipline-name = { $discipline ->
    [speed-skating] langebaan
    [short-track] shorttrack
    [alpine-skiing] alpineskiën
    [biathlon] biatlon
    [bobsleigh] bobsleeën
    [cross-country-skiing] langlaufen
    [curling] curling
    [figure-skating] kunstschaatsen
    [freestyle-skiing] freestyleskiën
    [ice-hockey] ijshockey
    [luge] rodelen
    [nordic-combined] noordse combinatie
    [skeleton] skeleton
    [ski-jumping] schansspringen
    [ski-mountaineering] skimountaineering
    [snowboard] snowboarden
   *[other] { $discipline_name }
 }

name-team-pursuit = ploegenachtervolging
name-mass-start = massastart
name-relay = estafette
name-team-relay = teamestafette
name-5000m-relay = aflossing
name-3000m-relay = aflossing
name-2000m-relay = gemengde aflossing
name-downhill = afdaling
name-super-g = super-G
name-giant-slalom = reuzenslalom
name-team-combined = teamcombinatie
name-normal-hill = normale schans
name-large-hill = grote schans
name-super-team = superteam
name-team = landenwedstrijd
name-singles = eenzitter
name-doubles = dubbelzitter
name-ice-dance = ijsdansen
name-pair-skating = paarrijden
name-single-skating = individuele wedstrijd
name-dual-moguls = dual moguls
name-team-sprint = teamsprint
name-pursuit = achtervolging
name-individual = individuele wedstrijd
name-tournament = toernooi
name-2-man = tweemansbob
name-4-man = viermansbob
name-2-woman = tweevrouwsbob
name-team-aerials = aerials voor teams
name-ski-cross = skicross
name-snowboard-cross = snowboardcross
name-team-snowboard-cross = snowboardcross voor teams
name-snowboard-halfpipe = halfpipe
name-freeski-halfpipe = halfpipe
name-snowboard-big-air = big air
name-freeski-big-air = big air
name-snowboard-slopestyle = slopestyle
name-freeski-slopestyle = slopestyle
name-parallel-giant-slalom = parallelreuzenslalom
name-mass-start-15km = massastart
name-skiathlon = skiatlon
name-gundersen = gundersen
name-hill = schans
name-large = grote
name-normal = normale
name-sprint = sprint
