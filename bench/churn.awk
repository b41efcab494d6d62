# bench/churn.awk: churn of a plan against an old one, from their
# sequences.csv files (line,date,position,order_id,...; no quoted field).
# Usage: awk -F, -v from=YYYY-MM-DD -v fzend=YYYY-MM-DD -f bench/churn.awk OLD NEW
# Prints: orders compared (planned in both, from 'from' in the old plan),
# the share on the same line and day, how many moved day, moved line; the
# sequence accuracy (old cars in the same position over the line-days both
# build from 'fzend'); the share of the old rows before 'from' unchanged;
# the share of the old rows from 'from' to 'fzend' unchanged, on the
# line-days the new plan builds ("n/a" when there are none).
# An order is a car whose id does not start with its line's name (the ids of
# the host's cars made from demand are LINE-YYYYMMDD-NNNN).
FNR == 1 { file++; next }
file == 1 {
    old[$1 SUBSEP $2 SUBSEP $3] = $4
    if ($2 >= fzend) oldn[$1 SUBSEP $2]++
    if (index($4, $1 "-") != 1) { ol[$4] = $1; od[$4] = $2 }
    next
}
{
    ld = $1 SUBSEP $2
    has[ld] = 1
    if ($2 >= fzend) newn[ld]++
    k = $1 SUBSEP $2 SUBSEP $3
    if ((k in old) && old[k] == $4) {
        if ($2 < from) pastk++
        else if ($2 < fzend) frozenk++
        else samepos[ld]++
    }
    if (index($4, $1 "-") != 1 && ($4 in ol) && od[$4] >= from) {
        cmp++
        if (ol[$4] != $1) mline++
        else if (od[$4] != $2) mday++
        else same++
    }
}
END {
    for (k in old) {
        split(k, f, SUBSEP)
        if (f[2] < from) past++
        else if (f[2] < fzend && ((f[1] SUBSEP f[2]) in has)) frozen++
    }
    for (ld in oldn) if (ld in newn) { acc_n += oldn[ld]; acc_s += samepos[ld] }
    printf "%d %.1f%% %d %d %.1f%% %.1f%% %s\n", cmp, cmp ? 100 * same / cmp : 0, mday, mline,
        acc_n ? 100 * acc_s / acc_n : 0, past ? 100 * pastk / past : 100,
        frozen ? sprintf("%.1f%%", 100 * frozenk / frozen) : "n/a"
}
