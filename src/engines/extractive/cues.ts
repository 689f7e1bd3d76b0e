/** Verbs that report speech or thought: "said", "told", "insisted", "confirmed" … */
export const CUE_VERBS =
  'said|says|say|told|tells|telling|stated|states|insisted|insists|insist|stressed|stresses|' +
  'warned|warns|argued|argues|noted|notes|added|adds|announced|announces|confirmed|confirm|' +
  'confirms|claimed|claims|declared|declares|explained|explains|wrote|writes|reported|reports|' +
  'believes|believe|acknowledged|acknowledges|admitted|admits|suggested|suggests|predicted|' +
  'predicts|promised|promises|pledged|pledges|vowed|vows|denied|denies|asked|asks|replied|replies';
