# Titles as a reader sees them on a page: events with their sport, Games, days in words.

discipline-title = { $discipline ->
    [speed-skating] Speed Skating
    [short-track] Short Track
    [figure-skating] Figure Skating
   *[other] { $name }
 }
gender-word = { $gender ->
    [W] Women
    [M] Men
   *[X] Mixed
 }
# 'Short Track – Women's 500m': the English title as the source spells it
event-title = { $discipline_title } – { $generic ->
    [yes] { gender-word }
   *[no] { $title }
 }
games-title = { city } { $year }
day-words = { DATE($day) }
day-short = { SHORTDAY($day) }
updated-at = Updated at { $time }: { $title }
