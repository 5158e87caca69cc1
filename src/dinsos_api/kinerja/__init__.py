"""Performance: capaian, penyerapan, efisiensi and the rating, computed by kinerja_core."""
