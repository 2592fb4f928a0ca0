# Issue 17: the average precision early-loss would reach with each early epoch e (its score is a
# sample's mean loss over epochs 1..e), read from a finished bench/dynamics_*.sh project's
# run 1 (dynamics.json, dynamics_ids.i64, dynamics_loss.f32) and the injected noise in its
# project file. Usage: /usr/bin/python3 bench/dynamics_early_ap.py WORKDIR  (needs NumPy)
import json, sqlite3, sys, numpy as np
d = sys.argv[1]
run = d + '/dyn.winnow-cache/runs/1/'
meta = json.load(open(run + 'dynamics.json'))
E, N = meta['epochs'], meta['n']
ids = np.fromfile(run + 'dynamics_ids.i64', dtype=np.int64)
loss = np.fromfile(run + 'dynamics_loss.f32', dtype=np.float32).reshape(E, N)
db = sqlite3.connect(d + '/dyn.winnow')
rows = dict(db.execute('select id, (label != original_label) from samples where original_label is not null'))
y = np.array([rows.get(int(i), 0) for i in ids])
def ap(score, y):
    o = np.argsort(-score, kind='stable'); yy = y[o]; tp = np.cumsum(yy)
    return float(np.sum((tp / np.arange(1, len(yy) + 1))[yy == 1]) / max(1, yy.sum()))
cum = np.nancumsum(loss, axis=0) / np.arange(1, E + 1)[:, None]
print(d.split('/')[-1], 'noisy', int(y.sum()), 'e*', meta['early_epoch'] + 1)
print(' '.join('%d:%.3f' % (e + 1, ap(cum[e], y)) for e in range(0, E, 3)))
