# Lists, numbers, countries, Games and events: the words every story uses.

list-separator = {", "}
list-last = { $head } and { $last }
and-others = { $n ->
    [one] one other
   *[other] { WORD($n) } others
 }
digits = { $n }
thousands-separator = ,
decimal-separator = .
ordinal-digits = { $n }th

noc = { $code ->
    [USA] the United States
    [NED] the Netherlands
    [GBR] Great Britain
    [CZE] the Czech Republic
    [PHI] the Philippines
    [BAH] the Bahamas
    [CHN] China
    [KOR] South Korea
    [PRK] North Korea
    [TPE] Chinese Taipei
    [URS] the Soviet Union
    [FRG] West Germany
    [GDR] East Germany
    [RUS] Russia
    [UAE] the United Arab Emirates
    [DOM] the Dominican Republic
    [CAF] the Central African Republic
    [COD] DR Congo
   *[other] { $name }
 }
# Agency English takes a plural verb for a team of athletes: 'Norway lead'.
noc-number = other

noc-adjective = none

city = { $city }
games-name = { city } { $year }
season-games = { $season ->
    [winter] Winter Games
   *[summer] Summer Games
 }

medal = { $medal ->
    [gold] gold
    [silver] silver
   *[bronze] bronze
 }
medal-adjective = { medal }
times-medal = { WORD($n) } { medal }
count-adjective = { WORD($n) } { medal-adjective }
medal-objects = { $list } { $n ->
    [one] medal
   *[other] medals
 }

team-of = { $noc }
team-members = { $team } ({ $members })
person-from = { $who } of { $noc }
shared-place = { $names } (shared { medal })

metres = { $m } m
km = { $km } km
kg = { $kg } kg
yards = { $y } yards
tons = { $t } t
miles = { $n } miles
pounds = { $n } lb
event = the { $gender ->
    [W] women's{" "}
    [M] men's{" "}
    [X] mixed{" "}
   *[none] {""}
 }{ $discipline ->
    [speed-skating] long-track{" "}
    [short-track] short-track{" "}
   *[other] {""}
 }{ $name }{ $skating ->
    [yes] {""}
   *[no] { $discipline ->
        [none] {""}
       *[other] {" "}({ discipline-name })
    }
 }
discipline-name = { $discipline ->
    [speed-skating] long track
    [short-track] short track
    [alpine-skiing] alpine skiing
    [biathlon] biathlon
    [bobsleigh] bobsleigh
    [cross-country-skiing] cross-country skiing
    [curling] curling
    [figure-skating] figure skating
    [freestyle-skiing] freestyle skiing
    [ice-hockey] ice hockey
    [luge] luge
    [nordic-combined] Nordic combined
    [skeleton] skeleton
    [ski-jumping] ski jumping
    [ski-mountaineering] ski mountaineering
    [snowboard] snowboard
   *[other] { $discipline_name }
 }

name-team-pursuit = team pursuit
name-mass-start = mass start
name-5000m-relay = relay
name-3000m-relay = relay
name-2000m-relay = mixed relay
name-super-g = super-G
name-giant-slalom = giant slalom
name-team-combined = team combined
name-normal-hill = normal hill
name-large-hill = large hill
name-super-team = super team
name-team = team event
name-ice-dance = ice dance
name-pair-skating = pair skating
name-single-skating = singles
name-dual-moguls = dual moguls
name-team-sprint = team sprint
name-team-relay = team relay
name-2-man = two-man
name-4-man = four-man
name-2-woman = two-woman
name-team-aerials = team aerials
name-ski-cross = ski cross
name-snowboard-cross = snowboard cross
name-team-snowboard-cross = team snowboard cross
name-snowboard-halfpipe = halfpipe
name-freeski-halfpipe = halfpipe
name-snowboard-big-air = big air
name-freeski-big-air = big air
name-snowboard-slopestyle = slopestyle
name-freeski-slopestyle = slopestyle
name-parallel-giant-slalom = parallel giant slalom
name-mass-start-15km = mass start
