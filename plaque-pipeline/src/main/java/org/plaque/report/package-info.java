/**
 * Reports of Plaque's runs: the figures of a segmentation ({@link org.plaque.report.SegmentationReport},
 * {@link org.plaque.report.LesionMeasures}), written as JSON ({@link org.plaque.report.ReportJson},
 * {@link org.plaque.report.Provenance}), CSV ({@link org.plaque.report.LesionCsv}), PNG pictures
 * ({@link org.plaque.report.ReportFigures}) and one self-contained HTML page
 * ({@link org.plaque.report.HtmlReport}); {@link org.plaque.report.SegmentationOutputs} writes the whole
 * result folder atomically.
 */
package org.plaque.report;
