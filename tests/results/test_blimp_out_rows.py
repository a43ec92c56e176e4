"""Row-by-row reading of five multilevel Blimp outputs, and their header facts.

The expected rows are written out from the printed tables: ``part | table | section | label |``
then the seven cells as printed (``---``/``nan`` read as NaN, ``@1.000`` a fixed value).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from blimp2pymc.results import blimp_out
from blimp2pymc.results.blimp_out import ModelEquation

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "blimp-examples"


def load(relative: str):
    path = EXAMPLES / relative
    if not path.exists():
        pytest.skip(f"{relative} is not available")
    return blimp_out.read(path)


def cell(text: str) -> float:
    return math.nan if text in ("---", "nan") else float(text.lstrip("@"))


def expected_rows(block: str):
    rows = []
    for line in block.strip().splitlines():
        part, table, section, label, cells = (field.strip() for field in line.split("|"))
        values = cells.split()
        assert len(values) == 7, line
        rows.append((part, table, section, label, tuple(cell(v) for v in values),
                     values[0].startswith("@")))
    return rows


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


EX6_3A = """
outcome | y_i | Variances | L2 : Var(Intercept) | 0.618 0.084 0.483 0.812 --- --- 6134.902
outcome | y_i | Variances | L2 : Cov(x1_i,Intercept) | 0.014 0.016 -0.016 0.047 --- --- 1758.319
outcome | y_i | Variances | L2 : Var(x1_i) | 0.020 0.006 0.011 0.034 --- --- 883.397
outcome | y_i | Variances | Residual Var. | 0.358 0.011 0.336 0.381 --- --- 4841.254
outcome | y_i | Coefficients | Intercept | 4.175 0.066 4.042 4.303 3970.491 0.000 168.032
outcome | y_i | Coefficients | x1_i | -0.093 0.019 -0.132 -0.055 22.907 0.000 1820.716
outcome | y_i | Coefficients | x2_i | 0.086 0.008 0.071 0.101 119.760 0.000 2505.239
outcome | y_i | Coefficients | x3_j | 0.039 0.065 -0.095 0.160 0.317 0.574 125.623
outcome | y_i | Coefficients | d_j | -0.082 0.144 -0.373 0.208 0.350 0.554 144.308
outcome | y_i | Standard Deviations | L2 : SD(Intercept) | 0.786 0.053 0.695 0.901 --- --- 6124.626
outcome | y_i | Standard Deviations | L2 : Cor(x1_i,Intercept) | 0.132 0.138 -0.144 0.393 --- --- 1705.530
outcome | y_i | Standard Deviations | L2 : SD(x1_i) | 0.142 0.020 0.105 0.184 --- --- 853.480
outcome | y_i | Standard Deviations | Residual SD | 0.598 0.009 0.580 0.617 --- --- 4839.061
outcome | y_i | Standardized Coefficients | x1_i | -0.094 0.020 -0.133 -0.055 22.420 0.000 1839.918
outcome | y_i | Standardized Coefficients | x2_i | 0.185 0.019 0.148 0.222 98.910 0.000 2499.431
outcome | y_i | Standardized Coefficients | x3_j | 0.038 0.063 -0.093 0.156 0.318 0.573 125.542
outcome | y_i | Standardized Coefficients | d_j | -0.039 0.069 -0.176 0.099 0.355 0.552 143.929
outcome | y_i | Proportion Variance Explained | by Coefficients | 0.058 0.015 0.037 0.095 --- --- 247.632
outcome | y_i | Proportion Variance Explained | by Level-2 Random Intercepts | 0.582 0.034 0.517 0.649 --- --- 2858.545
outcome | y_i | Proportion Variance Explained | by Level-2 Random Slopes | 0.020 0.006 0.011 0.035 --- --- 909.089
outcome | y_i | Proportion Variance Explained | by Level-1 Residual Variation | 0.337 0.028 0.282 0.390 --- --- 3490.008
predictor | x1_i | Grand Mean | Grand Mean | 4.058 0.103 3.857 4.262 1543.188 0.000 3963.319
predictor | x1_i | Level 1 | x2_i | -0.060 0.012 -0.084 -0.035 22.851 0.000 5439.469
predictor | x1_i | Level 1 | Residual Var. | 1.071 0.031 1.013 1.134 --- --- 6296.083
predictor | x1_i | Level 2 | x2_i | -0.140 0.080 -0.296 0.018 2.989 0.084 7374.167
predictor | x1_i | Level 2 | d_j | 0.299 0.196 -0.076 0.688 2.340 0.126 7654.087
predictor | x1_i | Level 2 | x3_j | -0.294 0.102 -0.493 -0.093 8.318 0.004 6927.690
predictor | x1_i | Level 2 | Residual Var. | 1.153 0.155 0.895 1.497 --- --- 5314.435
predictor | x2_i | Grand Mean | Grand Mean | 5.418 0.124 5.174 5.661 1915.269 0.000 826.010
predictor | x2_i | Level 1 | x1_i | -0.171 0.036 -0.242 -0.101 22.879 0.000 5090.994
predictor | x2_i | Level 1 | Residual Var. | 3.071 0.090 2.904 3.257 --- --- 6137.225
predictor | x2_i | Level 2 | x1_i | -0.197 0.113 -0.421 0.026 3.005 0.083 6403.771
predictor | x2_i | Level 2 | d_j | 0.356 0.240 -0.112 0.835 2.253 0.133 7375.143
predictor | x2_i | Level 2 | x3_j | 0.359 0.123 0.117 0.598 8.553 0.003 7583.169
predictor | x2_i | Level 2 | Residual Var. | 1.610 0.225 1.244 2.122 --- --- 6033.324
predictor | x3_j | Grand Mean | Grand Mean | 2.790 0.093 2.609 2.974 903.682 0.000 1137.021
predictor | x3_j | Level 2 | x1_i | -0.227 0.079 -0.380 -0.072 8.194 0.004 6492.348
predictor | x3_j | Level 2 | x2_i | 0.199 0.068 0.066 0.331 8.477 0.004 7847.355
predictor | x3_j | Level 2 | d_j | -0.053 0.174 -0.394 0.289 0.095 0.758 9260.472
predictor | x3_j | Level 2 | Residual Var. | 0.891 0.117 0.701 1.161 --- --- 8368.515
"""

EX6_4 = """
outcome | beta0_j | Variances | Residual Var. | 0.620 0.084 0.480 0.809 --- --- 8079.367
outcome | beta0_j | Coefficients | Intercept | 4.169 0.072 4.028 4.311 3375.506 0.000 5873.547
outcome | beta0_j | Coefficients | x3_j | 0.050 0.070 -0.086 0.186 0.507 0.476 8281.316
outcome | beta0_j | Coefficients | d_j | -0.076 0.141 -0.354 0.201 0.291 0.590 8779.914
outcome | beta0_j | Standard Deviations | Residual SD | 0.787 0.052 0.693 0.900 --- --- 8070.635
outcome | beta0_j | Standardized Coefficients | x3_j | 0.064 0.088 -0.110 0.236 0.517 0.472 8244.885
outcome | beta0_j | Standardized Coefficients | d_j | -0.048 0.087 -0.216 0.123 0.296 0.587 8836.639
outcome | beta0_j | Proportion Variance Explained | by Coefficients | 0.016 0.020 0.001 0.076 --- --- 8790.368
outcome | beta0_j | Proportion Variance Explained | by Residual Variation | 0.984 0.020 0.924 0.999 --- --- 8790.368
outcome | beta1_j | Variances | Residual Var. | 0.020 0.006 0.011 0.034 --- --- 795.281
outcome | beta1_j | Coefficients | Intercept | -0.095 0.020 -0.132 -0.055 23.090 0.000 1983.494
outcome | beta1_j | Standard Deviations | Residual SD | 0.142 0.021 0.103 0.184 --- --- 754.469
outcome | beta1_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | beta1_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | beta0_j beta1_j | Covariances | Cov(beta0_j,beta1_j) | 0.014 0.016 -0.016 0.046 0.793 0.373 2199.325
outcome | beta0_j beta1_j | Correlations | Cor(beta0_j,beta1_j) | 0.128 0.136 -0.152 0.380 0.826 0.363 2092.138
outcome | y_i | Variances | Residual Var. | 0.358 0.011 0.337 0.380 --- --- 5142.517
outcome | y_i | Coefficients | beta0_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Coefficients | x2_i | 0.086 0.008 0.071 0.101 118.678 0.000 2233.798
outcome | y_i | Coefficients | x1_i*beta1_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Standard Deviations | Residual SD | 0.598 0.009 0.580 0.617 --- --- 5153.143
outcome | y_i | Standardized Coefficients | x2_i | 0.289 0.025 0.239 0.337 135.855 0.000 2206.128
outcome | y_i | Standardized Coefficients | x1_i*beta1_j | 0.288 0.028 0.232 0.342 107.734 0.000 905.592
outcome | y_i | Proportion Variance Explained | by Coefficients | 0.178 0.021 0.139 0.220 --- --- 1277.753
outcome | y_i | Proportion Variance Explained | by Residual Variation | 0.822 0.021 0.780 0.861 --- --- 1277.753
predictor | x1_i | Grand Mean | Grand Mean | 4.056 0.102 3.855 4.260 1566.093 0.000 3696.928
predictor | x1_i | Level 1 | x2_i | -0.060 0.012 -0.084 -0.036 23.202 0.000 5756.227
predictor | x1_i | Level 1 | Residual Var. | 1.071 0.031 1.014 1.133 --- --- 6046.229
predictor | x1_i | Level 2 | x2_i | -0.140 0.081 -0.300 0.017 3.029 0.082 6918.832
predictor | x1_i | Level 2 | d_j | 0.309 0.196 -0.077 0.694 2.474 0.116 7682.865
predictor | x1_i | Level 2 | x3_j | -0.294 0.102 -0.496 -0.090 8.269 0.004 6253.971
predictor | x1_i | Level 2 | Residual Var. | 1.147 0.156 0.894 1.503 --- --- 5561.155
predictor | x2_i | Grand Mean | Grand Mean | 5.424 0.125 5.174 5.682 1872.332 0.000 871.525
predictor | x2_i | Level 1 | x1_i | -0.171 0.036 -0.242 -0.101 22.963 0.000 5220.819
predictor | x2_i | Level 1 | Residual Var. | 3.069 0.091 2.898 3.255 --- --- 5285.143
predictor | x2_i | Level 2 | x1_i | -0.197 0.112 -0.415 0.027 3.040 0.081 6224.307
predictor | x2_i | Level 2 | d_j | 0.353 0.240 -0.127 0.830 2.176 0.140 7837.280
predictor | x2_i | Level 2 | x3_j | 0.359 0.125 0.114 0.605 8.275 0.004 7385.614
predictor | x2_i | Level 2 | Residual Var. | 1.608 0.227 1.242 2.131 --- --- 6550.342
predictor | x3_j | Grand Mean | Grand Mean | 2.793 0.092 2.607 2.967 910.619 0.000 1367.501
predictor | x3_j | Level 2 | x1_i | -0.226 0.080 -0.385 -0.072 7.950 0.005 6611.749
predictor | x3_j | Level 2 | x2_i | 0.196 0.067 0.066 0.330 8.572 0.003 8741.657
predictor | x3_j | Level 2 | d_j | -0.052 0.172 -0.387 0.290 0.091 0.763 9004.700
predictor | x3_j | Level 2 | Residual Var. | 0.890 0.118 0.697 1.154 --- --- 7993.831
"""

EX6_8 = """
outcome | beta0_j | Variances | Residual Var. | 0.644 0.087 0.499 0.839 --- --- 7254.625
outcome | beta0_j | Coefficients | Intercept | 4.167 0.072 4.026 4.308 3303.642 0.000 4521.958
outcome | beta0_j | Coefficients | x3_j | 0.014 0.067 -0.117 0.147 0.046 0.830 5853.780
outcome | beta0_j | Coefficients | d_j | -0.068 0.144 -0.350 0.217 0.224 0.636 5828.161
outcome | beta0_j | Standard Deviations | Residual SD | 0.802 0.054 0.707 0.916 --- --- 7264.724
outcome | beta0_j | Standardized Coefficients | x3_j | 0.018 0.084 -0.144 0.181 0.048 0.826 5893.757
outcome | beta0_j | Standardized Coefficients | d_j | -0.042 0.087 -0.210 0.131 0.228 0.633 5796.516
outcome | beta0_j | Proportion Variance Explained | by Coefficients | 0.012 0.016 0.000 0.060 --- --- 8152.350
outcome | beta0_j | Proportion Variance Explained | by Residual Variation | 0.988 0.016 0.940 1.000 --- --- 8152.350
outcome | beta1_j | Variances | Residual Var. | 0.014 0.006 0.006 0.028 --- --- 362.383
outcome | beta1_j | Coefficients | Intercept | -0.095 0.018 -0.130 -0.059 28.157 0.000 1339.926
outcome | beta1_j | Standard Deviations | Residual SD | 0.119 0.024 0.074 0.168 --- --- 352.762
outcome | beta1_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | beta1_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | y_i | Variances | Q25% Residual Var. | 0.190 0.011 0.169 0.214 --- --- 1019.422
outcome | y_i | Variances | Q50% Residual Var. | 0.307 0.016 0.278 0.341 --- --- 1165.514
outcome | y_i | Variances | Mean Residual Var. | 0.370 0.015 0.341 0.401 --- --- 677.667
outcome | y_i | Variances | Q75% Residual Var. | 0.486 0.028 0.434 0.544 --- --- 1009.965
outcome | y_i | Coefficients | beta0_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Coefficients | x2_i | 0.082 0.008 0.068 0.098 119.562 0.000 1429.381
outcome | y_i | Coefficients | x1_i*beta1_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Standardized Coefficients | x2_i | 0.277 0.024 0.230 0.324 132.428 0.000 1442.123
outcome | y_i | Standardized Coefficients | x1_i*beta1_j | 0.254 0.034 0.189 0.320 56.902 0.000 400.842
outcome | y_i | Proportion Variance Explained | by Coefficients | 0.151 0.022 0.113 0.198 --- --- 491.921
outcome | y_i | Proportion Variance Explained | by Residual Variation | 0.849 0.022 0.802 0.887 --- --- 491.921
outcome | logvar_j | Variances | Residual Var. | 0.470 0.081 0.336 0.654 --- --- 1164.968
outcome | logvar_j | Coefficients | Intercept | -1.201 0.070 -1.336 -1.061 292.754 0.000 1656.612
outcome | logvar_j | Coefficients | d_j | 0.047 0.138 -0.222 0.315 0.122 0.727 2560.478
outcome | logvar_j | Standard Deviations | Residual SD | 0.685 0.058 0.579 0.809 --- --- 1150.883
outcome | logvar_j | Standardized Coefficients | d_j | 0.034 0.098 -0.159 0.226 0.124 0.725 2515.253
outcome | logvar_j | Proportion Variance Explained | by Coefficients | 0.005 0.015 0.000 0.055 --- --- 4741.764
outcome | logvar_j | Proportion Variance Explained | by Residual Variation | 0.995 0.015 0.945 1.000 --- --- 4741.764
outcome | var(y_i) | Coefficients | logvar_j | @1.000 --- --- --- --- --- ---
outcome | var(y_i) | Coefficients | x1_i | -0.003 0.037 -0.076 0.067 0.011 0.917 911.970
outcome | beta0_j beta1_j logvar_j | Covariances | Cov(beta0_j,beta1_j) | 0.024 0.014 -0.002 0.054 3.056 0.080 1847.286
outcome | beta0_j beta1_j logvar_j | Covariances | Cov(beta0_j,logvar_j) | -0.215 0.063 -0.353 -0.103 12.016 0.001 2667.650
outcome | beta0_j beta1_j logvar_j | Covariances | Cov(beta1_j,logvar_j) | -0.026 0.013 -0.053 -0.000 3.727 0.054 1078.785
outcome | beta0_j beta1_j logvar_j | Correlations | Cor(beta0_j,beta1_j) | 0.262 0.144 -0.025 0.544 3.301 0.069 1103.637
outcome | beta0_j beta1_j logvar_j | Correlations | Cor(beta0_j,logvar_j) | -0.394 0.092 -0.561 -0.201 17.956 0.000 2016.526
outcome | beta0_j beta1_j logvar_j | Correlations | Cor(beta1_j,logvar_j) | -0.326 0.162 -0.634 -0.005 3.997 0.046 559.821
predictor | x1_i | Grand Mean | Grand Mean | 4.057 0.103 3.850 4.257 1553.554 0.000 3810.936
predictor | x1_i | Level 1 | x2_i | -0.061 0.013 -0.086 -0.036 22.975 0.000 4585.721
predictor | x1_i | Level 1 | Residual Var. | 1.071 0.031 1.013 1.133 --- --- 6444.851
predictor | x1_i | Level 2 | x2_i | -0.136 0.080 -0.295 0.022 2.926 0.087 6928.444
predictor | x1_i | Level 2 | d_j | 0.306 0.196 -0.086 0.686 2.408 0.121 7578.593
predictor | x1_i | Level 2 | x3_j | -0.293 0.102 -0.493 -0.096 8.340 0.004 6213.925
predictor | x1_i | Level 2 | Residual Var. | 1.146 0.155 0.891 1.505 --- --- 5413.694
predictor | x2_i | Grand Mean | Grand Mean | 5.420 0.129 5.169 5.671 1760.291 0.000 694.442
predictor | x2_i | Level 1 | x1_i | -0.175 0.036 -0.246 -0.104 23.416 0.000 4333.493
predictor | x2_i | Level 1 | Residual Var. | 3.068 0.090 2.902 3.254 --- --- 6168.823
predictor | x2_i | Level 2 | x1_i | -0.195 0.111 -0.406 0.023 3.088 0.079 7202.891
predictor | x2_i | Level 2 | d_j | 0.352 0.239 -0.113 0.832 2.203 0.138 8074.975
predictor | x2_i | Level 2 | x3_j | 0.365 0.122 0.124 0.603 8.810 0.003 8091.294
predictor | x2_i | Level 2 | Residual Var. | 1.616 0.230 1.248 2.146 --- --- 6668.969
predictor | x3_j | Grand Mean | Grand Mean | 2.791 0.091 2.618 2.974 945.742 0.000 1433.548
predictor | x3_j | Level 2 | x1_i | -0.228 0.080 -0.382 -0.068 8.021 0.005 6224.222
predictor | x3_j | Level 2 | x2_i | 0.200 0.067 0.066 0.331 8.797 0.003 8607.725
predictor | x3_j | Level 2 | d_j | -0.052 0.174 -0.389 0.286 0.086 0.770 8155.054
predictor | x3_j | Level 2 | Residual Var. | 0.891 0.118 0.697 1.162 --- --- 7890.725
"""

EX6_12 = """
residual_correlation | Residual Correlations | Level-1 | m_i, x_i | 0.002 0.057 -0.108 0.113 0.001 0.982 3275.440
residual_correlation | Residual Correlations | Level-1 | m_i, y_i | 0.008 0.057 -0.102 0.119 0.020 0.886 314.747
residual_correlation | Residual Correlations | Level-1 | x_i, y_i | -0.000 0.057 -0.110 0.112 0.000 0.994 1768.854
residual_correlation | Residual Correlations | Level-2 | alpha_j, mmean_j | 0.020 0.138 -0.253 0.286 0.016 0.900 8718.324
residual_correlation | Residual Correlations | Level-2 | alpha_j, tau_j | -0.031 0.143 -0.310 0.251 0.053 0.818 7318.053
residual_correlation | Residual Correlations | Level-2 | alpha_j, xmean_j | 0.000 0.137 -0.269 0.264 0.000 1.000 9223.264
residual_correlation | Residual Correlations | Level-2 | alpha_j, ymean_j | -0.001 0.139 -0.269 0.269 0.000 0.999 4704.266
residual_correlation | Residual Correlations | Level-2 | beta_j, mmean_j | -0.011 0.140 -0.284 0.260 0.007 0.935 9207.808
residual_correlation | Residual Correlations | Level-2 | beta_j, tau_j | -0.024 0.142 -0.297 0.253 0.028 0.867 6560.080
residual_correlation | Residual Correlations | Level-2 | beta_j, xmean_j | -0.013 0.138 -0.282 0.255 0.010 0.920 9134.681
residual_correlation | Residual Correlations | Level-2 | beta_j, ymean_j | -0.047 0.140 -0.317 0.231 0.112 0.738 7310.203
residual_correlation | Residual Correlations | Level-2 | mmean_j, tau_j | 0.034 0.140 -0.242 0.303 0.056 0.812 9735.867
residual_correlation | Residual Correlations | Level-2 | mmean_j, xmean_j | -0.014 0.137 -0.278 0.257 0.008 0.927 8348.554
residual_correlation | Residual Correlations | Level-2 | mmean_j, ymean_j | 0.075 0.139 -0.201 0.337 0.278 0.598 6472.101
residual_correlation | Residual Correlations | Level-2 | tau_j, xmean_j | -0.006 0.139 -0.281 0.266 0.002 0.967 9563.677
residual_correlation | Residual Correlations | Level-2 | tau_j, ymean_j | 0.019 0.139 -0.250 0.291 0.018 0.892 8913.857
residual_correlation | Residual Correlations | Level-2 | xmean_j, ymean_j | 0.071 0.139 -0.207 0.335 0.250 0.617 6606.136
outcome | alpha_j | Variances | Residual Var. | 0.208 0.095 0.055 0.428 --- --- 316.971
outcome | alpha_j | Coefficients | Intercept | 0.704 0.079 0.549 0.859 79.036 0.000 819.588
outcome | alpha_j | Standard Deviations | Residual SD | 0.456 0.105 0.235 0.655 --- --- 277.613
outcome | alpha_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | alpha_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | beta_j | Variances | Residual Var. | 0.002 0.002 0.000 0.007 --- --- 47.854
outcome | beta_j | Coefficients | Intercept | 0.038 0.016 0.007 0.067 5.851 0.016 75.052
outcome | beta_j | Standard Deviations | Residual SD | 0.043 0.020 0.010 0.086 --- --- 22.385
outcome | beta_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | beta_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | mmean_j | Variances | Residual Var. | 1.585 0.673 0.488 3.098 --- --- 467.120
outcome | mmean_j | Coefficients | Intercept | 28.672 0.224 28.234 29.118 16317.191 0.000 1112.510
outcome | mmean_j | Standard Deviations | Residual SD | 1.259 0.269 0.699 1.760 --- --- 384.691
outcome | mmean_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | mmean_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | tau_j | Variances | Residual Var. | 0.005 0.004 0.000 0.016 --- --- 156.227
outcome | tau_j | Coefficients | Intercept | 0.155 0.023 0.110 0.200 46.036 0.000 274.958
outcome | tau_j | Standard Deviations | Residual SD | 0.070 0.028 0.009 0.125 --- --- 83.497
outcome | tau_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | tau_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | xmean_j | Variances | Residual Var. | 1.020 0.321 0.504 1.762 --- --- 1146.261
outcome | xmean_j | Coefficients | Intercept | 9.604 0.151 9.309 9.901 4035.594 0.000 1741.731
outcome | xmean_j | Standard Deviations | Residual SD | 1.010 0.158 0.710 1.327 --- --- 1038.311
outcome | xmean_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | xmean_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | ymean_j | Variances | Residual Var. | 0.115 0.052 0.031 0.235 --- --- 152.859
outcome | ymean_j | Coefficients | Intercept | 3.982 0.060 3.863 4.098 4349.341 0.000 1039.060
outcome | ymean_j | Standard Deviations | Residual SD | 0.340 0.078 0.176 0.484 --- --- 122.229
outcome | ymean_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | ymean_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | alpha_j beta_j | Covariances | Cov(alpha_j,beta_j) | 0.004 0.010 -0.017 0.023 0.104 0.747 128.590
outcome | alpha_j beta_j | Correlations | Cor(alpha_j,beta_j) | 0.222 0.512 -0.866 0.923 0.107 0.744 88.154
outcome | m_i | Variances | Residual Var. | 12.804 0.993 11.041 14.948 --- --- 1412.909
outcome | m_i | Coefficients | mmean_j | @1.000 --- --- --- --- --- ---
outcome | m_i | Coefficients | (x_i-xmean_j)*alpha_j | @1.000 --- --- --- --- --- ---
outcome | m_i | Standard Deviations | Residual SD | 3.578 0.138 3.323 3.866 --- --- 1432.844
outcome | m_i | Standardized Coefficients | (x_i-xmean_j)*alpha_j | 0.560 0.041 0.473 0.633 188.050 0.000 391.186
outcome | m_i | Proportion Variance Explained | by Coefficients | 0.314 0.045 0.224 0.400 --- --- 401.499
outcome | m_i | Proportion Variance Explained | by Residual Variation | 0.686 0.045 0.600 0.776 --- --- 401.499
outcome | x_i | Variances | Residual Var. | 8.161 0.516 7.215 9.249 --- --- 4970.628
outcome | x_i | Coefficients | xmean_j | @1.000 --- --- --- --- --- ---
outcome | x_i | Standard Deviations | Residual SD | 2.857 0.090 2.686 3.041 --- --- 4976.740
outcome | x_i | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | x_i | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | y_i | Variances | Residual Var. | 1.129 0.079 0.985 1.295 --- --- 1546.091
outcome | y_i | Coefficients | ymean_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Coefficients | (m_i-mmean_j)*beta_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Coefficients | (x_i-xmean_j)*tau_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Standard Deviations | Residual SD | 1.062 0.037 0.993 1.138 --- --- 1542.115
outcome | y_i | Standardized Coefficients | (m_i-mmean_j)*beta_j | 0.212 0.057 0.094 0.327 13.647 0.000 94.025
outcome | y_i | Standardized Coefficients | (x_i-xmean_j)*tau_j | 0.394 0.047 0.302 0.484 70.698 0.000 192.253
outcome | y_i | Proportion Variance Explained | by Coefficients | 0.249 0.036 0.184 0.323 --- --- 375.002
outcome | y_i | Proportion Variance Explained | by Residual Variation | 0.751 0.036 0.677 0.816 --- --- 375.002
generated | Generated Parameters | Generated Parameters | ab_cov | 0.004 0.010 -0.017 0.023 0.104 0.747 128.590
generated | Generated Parameters | Generated Parameters | ab | 0.030 0.015 0.001 0.060 3.974 0.046 125.440
"""

EX6_22C = """
residual_correlation | Residual Correlations | Level-1 | x_i, y_i | -0.000 0.020 -0.039 0.039 0.000 0.995 19239.142
residual_correlation | Residual Correlations | Level-2 | beta_j, phi_j | -0.041 0.130 -0.294 0.215 0.091 0.762 17657.444
residual_correlation | Residual Correlations | Level-2 | beta_j, xmean_j | 0.019 0.155 -0.287 0.311 0.011 0.918 766.846
residual_correlation | Residual Correlations | Level-2 | beta_j, ymean_j | -0.138 0.123 -0.364 0.118 1.191 0.275 3306.556
residual_correlation | Residual Correlations | Level-2 | beta_j, logvar_j | -0.000 0.121 -0.238 0.235 0.000 0.999 11224.615
residual_correlation | Residual Correlations | Level-2 | phi_j, xmean_j | 0.003 0.141 -0.273 0.276 0.000 0.990 18855.568
residual_correlation | Residual Correlations | Level-2 | phi_j, ymean_j | 0.004 0.136 -0.264 0.268 0.001 0.977 19877.860
residual_correlation | Residual Correlations | Level-2 | phi_j, logvar_j | 0.013 0.137 -0.259 0.280 0.008 0.928 15286.501
residual_correlation | Residual Correlations | Level-2 | xmean_j, ymean_j | -0.000 0.144 -0.278 0.284 0.000 0.999 20091.907
residual_correlation | Residual Correlations | Level-2 | xmean_j, logvar_j | -0.010 0.137 -0.277 0.255 0.006 0.941 14828.956
residual_correlation | Residual Correlations | Level-2 | ymean_j, logvar_j | 0.017 0.129 -0.238 0.267 0.017 0.897 12492.502
outcome | beta_j | Variances | Residual Var. | 0.634 0.098 0.475 0.860 --- --- 16362.228
outcome | beta_j | Coefficients | Intercept | 0.758 0.082 0.597 0.921 85.180 0.000 18226.181
outcome | beta_j | Coefficients | w1_j | 0.282 0.096 0.096 0.469 8.700 0.003 18093.387
outcome | beta_j | Coefficients | w2_j | 0.344 0.084 0.179 0.507 16.915 0.000 18420.499
outcome | beta_j | Standard Deviations | Residual SD | 0.796 0.060 0.689 0.928 --- --- 16286.252
outcome | beta_j | Standardized Coefficients | w1_j | 0.275 0.087 0.095 0.432 9.767 0.002 18214.671
outcome | beta_j | Standardized Coefficients | w2_j | 0.381 0.083 0.202 0.524 20.708 0.000 18153.752
outcome | beta_j | Proportion Variance Explained | by Coefficients | 0.206 0.067 0.081 0.341 --- --- 18319.770
outcome | beta_j | Proportion Variance Explained | by Residual Variation | 0.794 0.067 0.659 0.919 --- --- 18319.770
outcome | phi_j | Variances | Residual Var. | 0.007 0.003 0.003 0.013 --- --- 1876.736
outcome | phi_j | Coefficients | Intercept | 0.191 0.014 0.163 0.219 186.071 0.000 4243.249
outcome | phi_j | Coefficients | w1_j | 0.120 0.015 0.089 0.150 60.745 0.000 4892.524
outcome | phi_j | Coefficients | w2_j | 0.055 0.014 0.028 0.082 15.651 0.000 4292.675
outcome | phi_j | Standard Deviations | Residual SD | 0.084 0.015 0.057 0.114 --- --- 1734.257
outcome | phi_j | Standardized Coefficients | w1_j | 0.741 0.069 0.583 0.853 113.413 0.000 2520.018
outcome | phi_j | Standardized Coefficients | w2_j | 0.388 0.091 0.197 0.551 18.019 0.000 4002.166
outcome | phi_j | Proportion Variance Explained | by Coefficients | 0.643 0.095 0.434 0.809 --- --- 2091.485
outcome | phi_j | Proportion Variance Explained | by Residual Variation | 0.357 0.095 0.191 0.566 --- --- 2091.485
outcome | xmean_j | Variances | Residual Var. | 0.000 0.001 0.000 0.004 --- --- 81.276
outcome | xmean_j | Coefficients | Intercept | 0.018 0.012 -0.004 0.043 2.297 0.130 225.676
outcome | xmean_j | Standard Deviations | Residual SD | 0.021 0.018 0.002 0.066 --- --- 39.274
outcome | xmean_j | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | xmean_j | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | ymean_j | Variances | Residual Var. | 0.295 0.110 0.038 0.464 --- --- 245.765
outcome | ymean_j | Coefficients | Intercept | 0.036 1.133 -2.108 3.172 0.003 0.956 142.710
outcome | ymean_j | Coefficients | w1_j | 0.495 0.080 0.337 0.651 38.644 0.000 4442.053
outcome | ymean_j | Coefficients | w2_j | 0.317 0.066 0.187 0.447 22.809 0.000 5446.661
outcome | ymean_j | Coefficients | xmean_j | -3.000 62.570 -181.893 108.050 0.007 0.931 146.606
outcome | ymean_j | Standard Deviations | Residual SD | 0.543 0.122 0.194 0.681 --- --- 191.492
outcome | ymean_j | Standardized Coefficients | w1_j | 0.547 0.075 0.385 0.680 52.587 0.000 3376.254
outcome | ymean_j | Standardized Coefficients | w2_j | 0.398 0.076 0.240 0.536 27.077 0.000 4438.387
outcome | ymean_j | Standardized Coefficients | xmean_j | -0.110 0.374 -0.716 0.675 0.049 0.824 190.039
outcome | ymean_j | Proportion Variance Explained | by Coefficients | 0.519 0.165 0.307 0.938 --- --- 219.470
outcome | ymean_j | Proportion Variance Explained | by Residual Variation | 0.481 0.165 0.062 0.693 --- --- 219.470
outcome | x_i | Variances | Residual Var. | 1.000 0.020 0.962 1.041 --- --- 18744.936
outcome | x_i | Coefficients | xmean_j | @1.000 --- --- --- --- --- ---
outcome | x_i | Standard Deviations | Residual SD | 1.000 0.010 0.981 1.020 --- --- 18735.232
outcome | x_i | Proportion Variance Explained | by Coefficients | 0.000 0.000 0.000 0.000 --- --- nan
outcome | x_i | Proportion Variance Explained | by Residual Variation | 1.000 0.000 1.000 1.000 --- --- nan
outcome | y_i | Variances | Q25% Residual Var. | 0.792 0.031 0.733 0.852 --- --- 3346.521
outcome | y_i | Variances | Q50% Residual Var. | 1.035 0.034 0.969 1.104 --- --- 3801.632
outcome | y_i | Variances | Mean Residual Var. | 1.137 0.026 1.088 1.190 --- --- 2635.458
outcome | y_i | Variances | Q75% Residual Var. | 1.365 0.053 1.267 1.474 --- --- 3526.607
outcome | y_i | Coefficients | ymean_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Coefficients | (y_i.lag1-ymean_j)*phi_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Coefficients | (x_i-xmean_j)*beta_j | @1.000 --- --- --- --- --- ---
outcome | y_i | Standardized Coefficients | (y_i.lag1-ymean_j)*phi_j | 0.289 0.011 0.268 0.311 700.456 0.000 5269.635
outcome | y_i | Standardized Coefficients | (x_i-xmean_j)*beta_j | 0.711 0.007 0.697 0.723 11925.321 0.000 5824.607
outcome | y_i | Proportion Variance Explained | by Coefficients | 0.576 0.009 0.558 0.593 --- --- 4680.029
outcome | y_i | Proportion Variance Explained | by Residual Variation | 0.424 0.009 0.407 0.442 --- --- 4680.029
outcome | logvar_j | Variances | Residual Var. | 0.093 0.021 0.061 0.141 --- --- 2869.579
outcome | logvar_j | Coefficients | Intercept | 0.055 0.038 -0.018 0.130 2.211 0.137 5379.418
outcome | logvar_j | Coefficients | w1_j | 0.323 0.043 0.238 0.409 55.716 0.000 5632.601
outcome | logvar_j | Coefficients | w2_j | 0.049 0.038 -0.026 0.124 1.667 0.197 5103.971
outcome | logvar_j | Standard Deviations | Residual SD | 0.305 0.033 0.246 0.376 --- --- 2793.796
outcome | logvar_j | Standardized Coefficients | w1_j | 0.675 0.065 0.529 0.780 107.466 0.000 4122.140
outcome | logvar_j | Standardized Coefficients | w2_j | 0.117 0.089 -0.062 0.286 1.705 0.192 4988.557
outcome | logvar_j | Proportion Variance Explained | by Coefficients | 0.460 0.083 0.287 0.609 --- --- 4045.703
outcome | logvar_j | Proportion Variance Explained | by Residual Variation | 0.540 0.083 0.391 0.713 --- --- 4045.703
outcome | var(y_i) | Coefficients | logvar_j | @1.000 --- --- --- --- --- ---
"""


CASES = {
    "Ex6.3/Ex6.3a.blimp-out": EX6_3A,
    "Ex6.4/Ex6.4.blimp-out": EX6_4,
    "Ex6.8/Ex6.8.blimp-out": EX6_8,
    "Ex6.12/Ex6.12.blimp-out": EX6_12,
    "Ex6.22/Ex6.22c.blimp-out": EX6_22C,
}


@pytest.mark.parametrize("relative", sorted(CASES))
def test_every_row(relative):
    out = load(relative)
    expected = expected_rows(CASES[relative])
    assert len(out.rows) == len(expected)
    for row, (part, table, section, label, values, fixed) in zip(out.rows, expected):
        where = f"{relative}: {part} | {table} | {section} | {label}"
        assert (row.part, row.table, row.section, row.label) == (part, table, section, label), where
        got = (row.estimate, row.sd, row.lower, row.upper, row.chisq, row.pvalue, row.n_eff)
        assert all(same(a, b) for a, b in zip(got, values)), (where, got, values)
        assert row.fixed is fixed, where
        assert math.isnan(row.psr), where


def test_ex6_3a_header():
    h = load("Ex6.3/Ex6.3a.blimp-out").header
    assert h.version == "4.0.3"
    assert h.imputation_method == "Fully Bayesian model-based"
    assert h.mcmc_algorithm == ("Full conditional Metropolis sampler with Auto-Derived "
                                "Conditional Distributions")
    assert (h.iterations, h.chains, h.burn_in) == (10000, 4, 5000)
    assert h.psr[0] == (126, 250, 1.494, 5) and len(h.psr) == 20
    assert (h.sample_size, h.level2_id, h.level2_clusters) == (2680, "level2id", 132)
    assert h.level3_id is None and h.level3_clusters is None and h.time_id is None
    assert (h.multilevel_prior, h.outcome_prior, h.predictor_prior) == ("PRIOR2", "PRIOR2",
                                                                        "XPRIOR1")
    assert h.priors["Multilevel covariance matrices"] == "Zero matrix, df = -(p + 1) (PRIOR2)"
    assert h.priors["Predictor model variances"] == "Unit sum of squares, df = 2 (XPRIOR1)"
    assert h.fixed_predictors == ("d_j",)
    assert h.complete_predictors == ()
    assert h.incomplete_predictors == ("x1_i", "x2_i", "x3_j")
    assert h.grand_mean_centered == ("x2_i", "x3_j", "d_j")
    assert h.group_mean_centered == ("x1_i",)
    assert h.n_parameters == {"Outcome Models": 9, "Predictor Models": 19}
    assert h.models == (ModelEquation(None, 1,
                                      "y_i ~ Intercept x1_i x2_i x3_j d_j | Intercept x1_i"),)
    assert h.missing_rates["y_i"] == 13.4
    assert h.nominal_dummies == {} and h.generated == () and h.factors == {}
    assert h.warnings == ("The following variables are fixed and centered.\n"
                          "The variables will be centered with observed means.\nd_j",)
    assert h.incomplete is False and h.error is None and h.groups == ()


def test_ex6_4_header():
    out = load("Ex6.4/Ex6.4.blimp-out")
    h = out.header
    assert (h.version, h.iterations, h.chains, h.burn_in) == ("4.0.3", 10000, 4, 5000)
    assert h.factors == {"Level-2": ("beta0_j", "beta1_j")}
    assert h.models == (
        ModelEquation("level2.model", 1, "beta0_j ~ Intercept x3_j d_j"),
        ModelEquation("level2.model", 2, "beta1_j ~ Intercept"),
        ModelEquation("level2.model", 3, "beta0_j <-> beta1_j"),
        ModelEquation("level1.model", 4, "y_i ~ beta0_j@1 x2_i x1_i*beta1_j@1"),
    )
    blocks = {(info.part, info.table): info.block for info in out.table_info}
    assert blocks[("outcome", "beta0_j")] == "level2.model"
    assert blocks[("outcome", "beta0_j beta1_j")] == "level2.model"
    assert blocks[("outcome", "y_i")] == "level1.model"
    assert blocks[("predictor", "x1_i")] is None
    kinds = [info.kind for info in out.table_info]
    assert kinds == ["Latent Variable", "Latent Variable", "Covariance Matrix",
                     "Outcome Variable", "Missing predictor", "Missing predictor",
                     "Missing predictor"]
    beta0 = out.table_info[0]
    assert beta0.grand_mean_centered == ("d_j", "x3_j") and beta0.group_mean_centered == ()


def test_ex6_8_header():
    h = load("Ex6.8/Ex6.8.blimp-out").header
    assert h.factors == {"Level-2": ("beta0_j", "beta1_j", "logvar_j")}
    assert [m.block for m in h.models] == ["level2.model", "level2.model", "level1.model",
                                           "variance.model", "variance.model", "variance.model"]
    assert h.models[4].text == "var(y_i) ~ logvar_j@1 x1_i"
    assert h.models[5].text == "beta0_j beta1_j logvar_j <-> beta0_j beta1_j logvar_j"
    assert (h.iterations, h.chains, h.burn_in) == (10000, 4, 10000)


def test_ex6_12_header():
    h = load("Ex6.12/Ex6.12.blimp-out").header
    assert (h.sample_size, h.level2_clusters) == (630, 105)
    assert h.n_parameters == {"Outcome Models": 16, "Generated Parameters": 2,
                              "Predictor Models": 0}
    assert h.generated == ("ab_cov = ab_cor*sqrt(alpha_j.totalvar*beta_j.totalvar)",
                           "ab = alpha_mean*beta_mean+ab_cov")
    assert h.models[0] == ModelEquation("level2.models", 1, "alpha_j ~ Intercept@alpha_mean")
    assert h.models[-1] == ModelEquation(
        "level1.models", 10, "y_i ~ ymean_j@1 (m_i-mmean_j)*beta_j@1 (x_i-xmean_j)*tau_j@1")
    assert h.fixed_predictors == () and h.warnings == ()


def test_ex6_22c_header():
    h = load("Ex6.22/Ex6.22c.blimp-out").header
    assert (h.iterations, h.chains, h.burn_in) == (20000, 4, 20000)
    assert (h.time_id, h.level2_id, h.sample_size, h.level2_clusters) == (
        "time", "level2id", 5000, 100)
    assert h.fixed_predictors == ("w1_j", "w2_j")
    assert len(h.models) == 8 and h.models[7] == ModelEquation("variance.model", 8,
                                                                "var(y_i) ~ logvar_j@1")
    assert h.warnings == ("Automatically specifying intercept only model for\n"
                          "the following variables:\n'ymean_j'\n'phi_j'\n'beta_j'",)
