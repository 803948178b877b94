# The hello CronJob (seed 003): a Job every minute, printing the date and a greeting.
kubectl create -f - <<YAML
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
YAML
sim advance 10s
kubectl get cronjob hello
# Watch the first Job being created and completing.
kubectl get jobs --watch
sim advance 55s
kubectl get cronjob hello
kubectl get pods --selector=job-name=hello-28928161 --output=jsonpath={.items..metadata.name}
kubectl logs hello-28928161-qflvv
# History: three successful Jobs are kept.
sim advance 5m
kubectl get jobs
kubectl describe cronjob hello
kubectl delete cronjob hello
kubectl get jobs
