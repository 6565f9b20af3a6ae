# The facts behind a story's sentence, as an editor reads them.

fact-kind = { $kind ->
    [medal] Medal
    [noc-count] The country's count at these Games
    [games-tally] The athlete's medals at these Games
    [earlier-medallists] The country's earlier medallists in this event
    [career] Olympic career
    [defending-champion] Defending champion
    [first-medal] First medal
    [first-gold] First gold medal
    [first-colour] First medal of this colour
    [discipline-leader] Best country in the discipline
    [discipline-split] Medals per discipline
    [rank] Place in the medal table
    [best-rank] Best place ever
    [level-on-golds] Level on golds
    [leaders] Leaders
    [group-ahead] Just ahead in the medal table
    [group-behind] Just behind in the medal table
    [previous-games] Previous Games
    [previous-games-stage] Previous Games at the same stage
    [best-games-total] Most medals at one Games
    [best-games-gold] Most golds at one Games
    [best-games-rank] Best place at one Games
    [medal-nocs] Countries with a medal
    [progress] Events decided
    [target] Target
    [standing] The country's standing
    [role-reversal] Roles reversed
    [other-gender-one-two] One-two in the other gender's event
    [projection] Projection: chance of the target
    [projection-first] Projection: chance of first place
   *[other] { $kind }
 }
fact-number = { $name ->
    [rank] rank
    [previous_rank] rank before
    [now_rank] rank now
    [tied] shared
    [gold] gold
    [silver] silver
    [bronze] bronze
    [total] total
    [medals] medals
    [medal] medal
    [medal_now] medal now
    [now_gold] gold now
    [now_total] total now
    [decided_by] decided by
    [count] count
    [games] Games
    [editions] editions
    [year] year
    [since] since
    [at] on
    [done] decided
    [left] to come
    [final] final
    [athletes] athletes
    [nocs] countries
    [entered] entered
    [defended] defended
    [target] target (place)
    [p] chance (%)
    [p_first] chance of first place (%)
    [gold_low] gold, 80% interval from
    [gold_high] gold, 80% interval up to
    [interval] interval (%)
   *[other] { $name }
 }
facts-of = Facts behind this sentence
facts-proof = Results
