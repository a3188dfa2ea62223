/**
 * English words that say nothing about which article is meant. They stay in the index (so a
 * phrase or a query made only of them still works) but a query does not require them: "that
 * piece about the remorse" must not fail because the article never says "about".
 */
export const STOPWORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further ' +
    'had has have having he her here hers herself him himself his how i if in into is it its itself ' +
    'just me more most my myself no nor not now of off on once only or other our ours ourselves out ' +
    'over own piece same she should so some story such than that the their theirs them themselves ' +
    'then there these they this those through to too under until up very was we were what when ' +
    'where which while who whom why will with would you your yours yourself yourselves article ' +
    'le la les de des du un une et der die das und ein eine el los las'
  ).split(' '),
);
