package jp.ofuku.scan;

/**
 * A plane-to-plane projective map, fixed by four point pairs: how a flat sheet photographed at
 * a slant (or simply scanned turned, scaled and shifted) maps onto the image.
 */
final class Homography {

    private final double[] h; // row-major 3 × 3, h[8] = 1

    private Homography(double[] h) {
        this.h = h;
    }

    /** The map sending each {@code from[i]} to {@code to[i]} (four pairs, no three points in a line). */
    static Homography through(double[][] from, double[][] to) {
        double[][] m = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[i][0];
            double y = from[i][1];
            double u = to[i][0];
            double v = to[i][1];
            m[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            m[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[col][col]) < 1e-12) {
                throw new IllegalArgumentException("the four points do not span a plane");
            }
            for (int r = 0; r < 8; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c < 9; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        double[] h = new double[9];
        for (int i = 0; i < 8; i++) {
            h[i] = m[i][8] / m[i][i];
        }
        h[8] = 1;
        return new Homography(h);
    }

    double[] apply(double x, double y) {
        double w = h[6] * x + h[7] * y + h[8];
        return new double[] {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
    }

    /** This map after {@code first}: x ↦ this(first(x)), for a first map given as an affine 2 × 3 matrix. */
    Homography afterAffine(double a, double b, double c, double d, double e, double f) {
        double[] g = {a, b, c, d, e, f, 0, 0, 1};
        double[] out = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 3; col++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += h[r * 3 + k] * g[k * 3 + col];
                }
                out[r * 3 + col] = sum;
            }
        }
        for (int i = 0; i < 9; i++) {
            out[i] /= out[8];
        }
        return new Homography(out);
    }
}
