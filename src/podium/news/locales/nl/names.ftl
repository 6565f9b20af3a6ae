# Titles as a reader sees them on a page: events with their sport, Games, days in words.

# The sport as a Dutch reader names it: skating split as the newsrooms split it.
discipline-title = { $discipline ->
    [speed-skating] Schaatsen
    [short-track] Shorttrack
    [figure-skating] Kunstrijden
   *[other] { $name }
 }
gender-word = { $gender ->
    [W] vrouwen
    [M] mannen
   *[X] gemengd
 }
# 'Shorttrack – 500 meter vrouwen'; a tournament is only its sport: 'IJshockey – mannen'
event-title = { $discipline_title } – { $generic ->
    [yes] { gender-word }
   *[no] { $name } { gender-word }
 }
games-title = { city } { $year }
day-words = { DATE($day) }
day-short = { SHORTDAY($day) }
# the live line under the table: 'Bijgewerkt om 14:32: Shorttrack – 500 meter vrouwen'
updated-at = Bijgewerkt om { $time }: { $title }
