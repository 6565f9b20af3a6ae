# The words of an event's own name, as a Dutch newsroom writes them. `name-X` names the
# part X of an event key ('200m-breaststroke' is '200m' and 'breaststroke'; numbers and units
# take `metres`, `km` and `kg`); a longer run of parts wins over its pieces
# ('double-sculls' is 'dubbel-twee', not 'dubbel skiff'); `name-DISCIPLINE-X` says X in one
# discipline only ('singles' is 'eenzitter' in luge, 'enkelspel' in tennis).

## Athletics
name-hurdles = horden
name-steeplechase = steeplechase
name-race-walk = snelwandelen
name-walk = snelwandelen
name-marathon = marathon
name-marathon-race-walk-relay = marathonestafette snelwandelen
name-decathlon = tienkamp
name-heptathlon = zevenkamp
name-pentathlon = vijfkamp
name-discus-throw = discuswerpen
name-hammer-throw = kogelslingeren
name-javelin-throw = speerwerpen
name-shot-put = kogelstoten
name-high-jump = hoogspringen
name-long-jump = verspringen
name-triple-jump = hink-stap-springen
name-pole-vault = polsstokhoogspringen
name-cross-country = cross-country

## Swimming and diving
name-freestyle = vrije slag
name-backstroke = rugslag
name-breaststroke = schoolslag
name-butterfly = vlinderslag
name-medley = wisselslag
name-freestyle-relay = vrije slag estafette
name-medley-relay = wisselslag estafette
name-platform = toren
name-springboard = plank
name-synchronized = synchroon
name-duet = duet
name-artistic-swimming-team = team

## Gymnastics
name-all-around = meerkamp
name-group-all-around = groepsmeerkamp
name-balance-beam = evenwichtsbalk
name-floor-exercise = vloer
name-horizontal-bar = rekstok
name-parallel-bars = brug gelijk
name-uneven-bars = brug ongelijk
name-pommel-horse = voltige
name-rings = ringen
name-vault = sprong

## Cycling
name-road-race = wegwedstrijd
name-time-trial = tijdrit
name-points-race = puntenkoers
name-keirin = keirin
name-madison = koppelkoers
name-omnium = omnium
name-park = park
name-street = straat

## Fencing (a team event is a team, not a 'landenwedstrijd' of gymnastics)
name-epee = degen
name-foil = floret
name-sabre = sabel
name-fencing-team = team

## Shooting
name-air-pistol = luchtpistool
name-air-rifle = luchtgeweer
name-pistol = pistool
name-rapid-fire-pistol = snelvuurpistool
name-rifle-3-positions = geweer drie houdingen
name-rifle-prone = geweer liggend
name-running-target = lopende schijf
name-trap = trap
name-double-trap = dubbeltrap
name-skeet = skeet
name-shooting-team = team

## Rowing
name-single-sculls = skiff
name-double-sculls = dubbel-twee
name-quadruple-sculls = dubbel-vier
name-pair = twee-zonder
name-four = vier-zonder
name-eight = acht met stuurman
name-lightweight-double-sculls = lichte dubbel-twee
name-lightweight-four = lichte vier-zonder

## Canoeing
name-c1 = C1
name-c2 = C2
name-k1 = K1
name-k2 = K2
name-k4 = K4
name-kayak-cross = kajakcross

## Sailing
name-dinghy = eenmansjol
name-skiff = skiff
name-multihull = catamaran
name-kite = kitesurfen
name-windsurfing = windsurfen
name-board-mistral = plankzeilen Mistral
name-mistral = plankzeilen Mistral
name-rs-x = plankzeilen RS:X
name-finn = Finn
name-star = Star
name-tornado = Tornado
name-yngling = Yngling
name-elliott-6m = Elliott 6m
name-2-person-keelboat-star = tweemanskielboot Star
name-fleetmatch-race-keelboat-soling = kielboot Soling
name-single-handed-dinghy-europe = eenmansjol Europe
name-single-handed-dinghy-laser = eenmansjol Laser

## Combat sports: weight classes
name-under = tot
name-over = boven
name-flyweight = vlieggewicht
name-fly = vlieggewicht
name-lightflyweight = lichtvlieggewicht
name-light-flywieght = lichtvlieggewicht
name-bantamweight = bantamgewicht
name-featherweight = vedergewicht
name-feather = vedergewicht
name-lightweight = lichtgewicht
name-light = lichtgewicht
name-lightwelterweigh = lichtweltergewicht
name-lightwelterweight = lichtweltergewicht
name-welterweight = weltergewicht
name-welter = weltergewicht
name-lightmiddleweight = lichtmiddengewicht
name-middleweight = middengewicht
name-middle = middengewicht
name-lightheavyweight = halfzwaargewicht
name-light-heavy = halfzwaargewicht
name-middle-heavyweight = middenzwaargewicht
name-middleheavyweight = middenzwaargewicht
name-first-heavyweight = eerste zwaargewicht
name-firstheavyweight = eerste zwaargewicht
name-heavyweight = zwaargewicht
name-heavy = zwaargewicht
name-superheavyweight = superzwaargewicht
name-super-heavy = superzwaargewicht
name-openweight = open klasse
name-greco-roman = Grieks-Romeins
name-wrestling-freestyle = vrije stijl
name-kata = kata
name-kumite = kumite

## Racket sports, climbing, breaking
name-tennis-singles = enkelspel
name-tennis-doubles = dubbelspel
name-badminton-singles = enkelspel
name-badminton-doubles = dubbelspel
name-table-tennis-singles = enkelspel
name-table-tennis-doubles = dubbelspel
name-boulder-lead = boulderen en lead
name-combined = combinatie
name-speed = snelheid
name-b-boys = b-boys
name-b-girls = b-girls

## Winter sports the other catalog files do not name
name-slalom = slalom
name-parallel-slalom = parallelslalom
name-alpine-combined = alpine combinatie
name-alpine-skiing-team-parallel = parallel voor teams
name-aerials = aerials
name-moguls = moguls
name-monobob = monobob
name-curling-doubles = gemengd dubbel
name-combined-5km-10km-pursuit = achtervolging 5 + 10 kilometer
name-combined-10km-15km-pursuit = achtervolging 10 + 15 kilometer

## Events of the early Games (the most frequent words only)
name-coxed = met stuurman
name-four-coxed = vier-met
name-pair-coxed = twee-met
name-quadruple-sculls-coxed = dubbel-vier met stuurman
name-free-rifle = vrij geweer
name-army-rifle = legergeweer
name-military-rifle = legergeweer
name-army-pistol = legerpistool
name-free-pistol = vrij pistool
name-small-rifle = klein geweer
name-small-bore-rifle = kleinkalibergeweer
name-rifle = geweer
name-running-deer = lopend hert
name-single-shots = enkel schot
name-double-shots = dubbel schot
name-singledouble-shots = enkel en dubbel schot
name-3-positions = drie houdingen
name-three-positions = drie houdingen
name-prone = liggend
name-standing = staand
name-kneeling = knielend
name-clay-pigeons = kleiduiven
name-disappearing-target = verdwijnend doel
name-moving-target = bewegend doel
name-indoor = indoor
name-masters = schermleraren
name-tandem = tandem
name-special-figures = speciale figuren
name-flying-dutchman = Flying Dutchman
name-dragon = Draak
name-tempest = Tempest
name-solo = solo
name-onetwo-hand = een- en tweehandig
name-one-hand-lift = eenhandig
name-two-hand-lift = tweehandig
name-events = onderdelen
name-e = onderdelen
name-total = totaal
name-pounds = pond
name-high-jump-standing = hoogspringen zonder aanloop
name-long-jump-standing = verspringen zonder aanloop
name-triple-jump-standing = hink-stap-springen zonder aanloop
name-both-hands = beide handen
name-ancient-style = Griekse stijl
name-team-swimming = ploegenzwemmen
name-obstacle = hindernis
name-underwater-swimming = onderwaterzwemmen
name-for-sailors = voor zeelieden
name-class = klasse
name-rating = klasse
name-team-round = teamronde
name-rope-climbing = touwklimmen
name-tumbling = tumbling
name-club-swinging = knotszwaaien
name-indian-clubs = Indische knotsen
name-sidehorse-vault = paardsprong
name-plain-high-diving = schoonspringen van de hoge toren
name-figure-riding = figuurrijden
name-combined-4-events = vierkamp
name-team-parallel-bars = brug gelijk landenwedstrijd
name-field-sports = atletiek
name-apparatus-work-and-field-sports = toestellen en atletiek
name-free-system = vrij systeem
name-swedish-system = Zweeds systeem
name-portable-apparatus = draagbare toestellen
name-all-around-championship = meerkamp
name-weight-throw = gewichtwerpen
name-mile = mijl
name-miles = mijl
name-5-man = vijfmansbob
name-1-ball = één bal
name-2-balls = twee ballen
name-croquet-double = dubbelspel
name-hour-race = uurswedstrijd
name-one-lap = één ronde
name-amateurs-and-masters = amateurs en schermleraren
name-stick-single = stokschermen
name-final = finale
name-au-chapelet = au chapelet
name-au-cordon-dor = au cordon doré
name-sur-la-perche-a-la-herse = sur la perche à la herse
name-sur-la-perche-a-la-pyramide = sur la perche à la pyramide
name-championnat-du-monde = championnat du monde
name-course-de-primes = course de primes
name-cesta-punta = cesta punta
name-continental-style = continentale stijl
name-york-round = York round
name-double-york-round = dubbele York round
name-double-american-round = dubbele American round
name-double-columbia-round = dubbele Columbia round
name-national-round = National round
name-double-national-round = dubbele National round
name-fixed-bird-target = vaste vogel
name-moving-bird-target = bewegende vogel
name-large-birds = grote vogels
name-small-birds = kleine vogels
name-small-bird = kleine vogel
name-lechner = plankzeilen Lechner
name-board-lechner = plankzeilen Lechner
name-windglider = plankzeilen Windglider
name-ton = ton
name-race-one = race één
name-race-two = race twee
name-12-foot-dinghy = 12 voetsjol
name-30m-sq = 30 m²
name-40m-sq = 40 m²
name-division-ii = divisie II
name-firefly = Firefly
name-olympic-class-monotype = olympische monotype
name-sharpie-12m2 = Sharpie 12 m²
name-swallow-golondrina = Swallow
name-and = en
name-class-a = klasse A
name-class-b = klasse B
name-class-c = klasse C
name-up-to-60-feet = tot 60 voet
name-dumbbell-contest = halteroefeningen
name-middleweight-a = middengewicht A
name-middleweight-b = middengewicht B
name-unlimited-class = open klasse
